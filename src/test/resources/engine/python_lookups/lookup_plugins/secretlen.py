# The length of the variable each term names, as the plugin reads it (a vaulted value's plain text).
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return ["%s has %d characters" % (t, len(str(variables[t]))) for t in terms]
