# A stdout callback that prints each result it gets as JSON, keys sorted, one line each (a loop's end without its
# items, which it printed as they came).
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
    name: results_json
    type: stdout
    short_description: each result as JSON
'''

import json

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'results_json'

    def v2_runner_on_ok(self, result):
        shown = dict((k, v) for k, v in result._result.items() if k != 'results')
        self._display.display('%s: %s' % (result._task.get_name(), json.dumps(shown, sort_keys=True)))

    def v2_runner_item_on_ok(self, result):
        self._display.display('item of %s: %s' % (result._task.get_name(), json.dumps(result._result, sort_keys=True)))
