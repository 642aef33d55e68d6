# A stdout callback that prints, for each result it gets (an item's too), the task's name and the result's invocation
# (the module's echo of its arguments) as JSON, keys sorted; tasks named with a leading '~' are not shown.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
    name: invocation_json
    type: stdout
    short_description: each result's invocation as JSON
'''

import json

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'invocation_json'

    def _show(self, what, result):
        name = result._task.get_name()
        if not name.startswith('~') and 'results' not in result._result:
            shown = json.dumps(result._result.get('invocation'), sort_keys=True)
            self._display.display('%s %s: %s' % (what, name, shown))

    def v2_runner_on_ok(self, result):
        self._show('ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._show('failed', result)

    def v2_runner_item_on_ok(self, result):
        self._show('item', result)
