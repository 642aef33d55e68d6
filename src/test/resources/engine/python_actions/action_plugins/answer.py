# An action plugin that runs no module: its result is made on the controller.
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

display = Display()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        if self._task.args.get('warn'):
            display.warning('answer was asked to warn')
        result['answer'] = self._task.args.get('base', 40) + 2
        result['greeting'] = self._templar.template('{{ greeting }}')
        result['ansible_facts'] = {'answered': True}
        result['changed'] = False
        return result
