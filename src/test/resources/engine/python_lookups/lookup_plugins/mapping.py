# A lookup that gives a mapping instead of a list: lookup() joins its keys, wantlist keeps it.
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return {'one': 1, 'two': [2, None]}
