# An inventory plugin of the playbook's own (the kind a CMDB or cloud plugin is): hosts from its options, a group per
# tier with its variables, and a failure for a source that asks for one.
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = '''
    name: cmdb_hosts
    short_description: hosts of a pretend CMDB
    description: Adds the hosts of its options to a group per tier.
    options:
      plugin:
        description: the plugin's name
        required: true
        choices: ['cmdb_hosts']
      tier:
        description: the group of the hosts
        type: str
        default: misc
      hosts:
        description: host names and their ports
        type: dict
        default: {}
      fail:
        description: fail with this message
        type: str
'''

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin


class InventoryModule(BaseInventoryPlugin):
    NAME = 'cmdb_hosts'

    def verify_file(self, path):
        return path.endswith(('cmdb.yml', 'cmdb_broken.yml')) and super(InventoryModule, self).verify_file(path)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        self._read_config_data(path)
        if self.get_option('fail'):
            raise AnsibleParserError(self.get_option('fail'))
        tier = self.inventory.add_group(self.get_option('tier'))
        self.inventory.add_child('all', tier)
        self.inventory.set_variable(tier, 'tier_name', tier.upper())
        for name, port in sorted(self.get_option('hosts').items()):
            self.inventory.add_host(name, group=tier, port=port)
            self.inventory.set_variable(name, 'from_cmdb', True)
