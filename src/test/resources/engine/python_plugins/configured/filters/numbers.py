# A filter of a configured folder (ANSIBLE_FILTER_PLUGINS).
class FilterModule(object):
    def filters(self):
        return {'double': lambda value: value * 2}
