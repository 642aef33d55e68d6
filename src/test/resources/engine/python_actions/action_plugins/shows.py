# An action plugin that shows things through Ansible's display: a warning, a deprecation, an error, text on stdout and on stderr.
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

display = Display()


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        display.warning('shows warns')
        display.deprecated('shows is old', version='9.99')
        display.error('shows errs')
        display.display('shows on stdout')
        display.display('shows on stderr', stderr=True)
        result['shown'] = True
        return result
