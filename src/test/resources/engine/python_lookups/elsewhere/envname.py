# A lookup from the folder ANSIBLE_LOOKUP_PLUGINS names (which replaces ansible.cfg's).
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return ["env:%s" % t for t in terms]
