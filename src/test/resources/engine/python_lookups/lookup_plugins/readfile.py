# A lookup that reads a file found as Ansible's file lookup finds it (files/ of the role, then of the playbook).
from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        out = []
        for term in terms:
            path = self.find_file_in_search_path(variables, 'files', term)
            if path is None:
                raise AnsibleError("readfile found no %s" % term)
            with open(path) as f:
                out.append(f.read().strip())
        return out
