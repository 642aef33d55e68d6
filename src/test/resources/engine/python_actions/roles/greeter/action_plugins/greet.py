# A role's action plugin: it runs a command through _low_level_execute_command.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        ran = self._low_level_execute_command('echo hello %s' % self._task.args['who'])
        result['said'] = ran['stdout'].strip()
        result['shell'] = self._connection._shell.SHELL_FAMILY
        return result
