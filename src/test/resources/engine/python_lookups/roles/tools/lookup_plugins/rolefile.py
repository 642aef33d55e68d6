# A role's lookup: reads its files/ through the task's search path (the role first).
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return [open(self.find_file_in_search_path(variables, 'files', t)).read().strip() for t in terms]
