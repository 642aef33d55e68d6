# A lookup two folders below the configured one: Ansible's loader looks one and two levels down too.
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return ["deep:%s" % t for t in terms]
