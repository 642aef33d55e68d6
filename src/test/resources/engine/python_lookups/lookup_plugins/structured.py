# A lookup whose items are not strings: lookup() gives the list itself (one item: the item), query() the list.
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return [{'term': t, 'size': len(str(t)), 'none': None} for t in terms]
