# An action plugin that runs a module on the host (the command module) and reports on it.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    _VALID_ARGS = frozenset(('text',))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        ran = self._execute_module(module_name='ansible.legacy.command',
                                   module_args={'_raw_params': 'echo %s' % self._task.args['text']},
                                   task_vars=task_vars)
        if ran.get('skipped'):
            result.update(skipped=True, msg=ran.get('msg'))
            return result
        result['echoed'] = ran['stdout']
        result['rc'] = ran['rc']
        result['changed'] = ran['changed']
        result['check'] = self._task.check_mode
        return result
