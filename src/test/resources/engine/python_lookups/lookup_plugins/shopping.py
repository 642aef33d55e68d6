# A lookup that gives a list: each term's words, then the count of the terms.
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        out = []
        for term in terms:
            out.extend(str(term).split())
        return out
