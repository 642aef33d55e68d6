# An action plugin of the configured folder: several hosts run it at once, each calling the command module.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        ran = self._execute_module(module_name='ansible.legacy.command',
                                   module_args={'_raw_params': 'sh -c "sleep 0.3; echo %s"' % task_vars['inventory_hostname']},
                                   task_vars=task_vars)
        result['said'] = ran['stdout']
        result['changed'] = False
        return result
