# A lookup that fails: AnsibleLookupError for 'lookup', AnsibleError for 'ansible', else a ValueError.
from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        kind = terms[0] if terms else ''
        if kind == 'lookup':
            raise AnsibleLookupError("boom could not look %s up" % kind)
        if kind == 'ansible':
            raise AnsibleError("boom went off")
        raise ValueError("boom got %r" % kind)
