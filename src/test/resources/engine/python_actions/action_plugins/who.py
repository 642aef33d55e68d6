# An action plugin that asks who runs its module and its commands (become or the login user), and what it knows of
# become and the connection's user.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        ran = self._execute_module(module_name='ansible.legacy.command', module_args={'_raw_params': 'id -un'},
                                   task_vars=task_vars)
        cmd = self._low_level_execute_command('id -un')
        login = self._low_level_execute_command('id -un', sudoable=False)
        context = self._play_context
        result.update(module=ran['stdout'], command=cmd['stdout'].strip(), login=login['stdout'].strip(),
                      unprivileged=self._is_become_unprivileged(), remote_user=self._get_remote_user(),
                      become=bool(self._connection.become), become_user=self.get_become_option('become_user'),
                      context=[context.become, context.become_user, context.become_method, context.remote_user])
        return result
