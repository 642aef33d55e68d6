# Raises only about the host add_host makes at run time
from ansible.plugins.vars import BaseVarsPlugin


class VarsModule(BaseVarsPlugin):

    def get_vars(self, loader, path, entities, cache=True):
        if any(e.name == 'web-2' for e in entities):
            raise ValueError('no such host in the CMDB')
        return {}
