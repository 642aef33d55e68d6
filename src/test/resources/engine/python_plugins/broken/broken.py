# A plugin file that cannot be loaded: what it imports is missing.
import no_such_module_for_runbook


class FilterModule(object):
    def filters(self):
        return {'never': lambda value: value}
