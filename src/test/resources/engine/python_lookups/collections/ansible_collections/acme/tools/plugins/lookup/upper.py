# A collection's lookup, by its full name acme.tools.upper.
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return [str(t).upper() for t in terms]
