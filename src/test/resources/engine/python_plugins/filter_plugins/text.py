# The playbook's own filters.
class FilterModule(object):
    def filters(self):
        return {'shout': lambda value, marks=1: str(value).upper() + '!' * marks}
