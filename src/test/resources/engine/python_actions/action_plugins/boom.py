# An action plugin that raises: Ansible's task executor makes that the task's failure.
from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        if self._task.args.get('politely'):
            raise AnsibleActionFail('refused politely')
        raise ValueError('boom')
