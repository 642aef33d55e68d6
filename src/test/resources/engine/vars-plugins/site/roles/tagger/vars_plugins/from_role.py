# A role's own vars_plugins/ folder: loaded with the role, its variables seen from the first play on
from ansible.plugins.vars import BaseVarsPlugin


class VarsModule(BaseVarsPlugin):

    def get_vars(self, loader, path, entities, cache=True):
        return {'from_role': ','.join(e.name for e in entities), 'role_' + entities[0].name: True}
