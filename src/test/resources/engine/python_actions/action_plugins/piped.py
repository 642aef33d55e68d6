# An action plugin that runs commands over the connection (_low_level_execute_command): one fed its standard input,
# one in another folder, one that exits non-zero; in check mode too, as Ansible's connection runs them.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        fed = self._low_level_execute_command('tr a-z A-Z', in_data=self._task.args['text'].encode())
        moved = self._low_level_execute_command('basename "$PWD"', chdir='/usr')
        failing = self._low_level_execute_command('echo out; echo err >&2; exit 4', executable='/bin/bash')
        result.update(fed=fed['stdout'], fed_rc=fed['rc'], moved=moved['stdout'].strip(), failing_rc=failing['rc'],
                      failing_out=failing['stdout_lines'], failing_err=failing['stderr_lines'],
                      check=self._task.check_mode)
        return result
