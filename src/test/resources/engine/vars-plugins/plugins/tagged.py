# A vars plugin found through ANSIBLE_VARS_PLUGINS: runs unless disabled (no REQUIRES_ENABLED)
from ansible.inventory.host import Host
from ansible.plugins.vars import BaseVarsPlugin


class VarsModule(BaseVarsPlugin):

    def get_vars(self, loader, path, entities, cache=True):
        data = {}
        for entity in entities:
            data['tag_' + entity.name] = 'host' if isinstance(entity, Host) else 'group'
            if entity.name == 'web':
                data['both'] = 'from_plugin'
        return data
