# An inventory plugin of the playbook's own (the kind a CMDB or cloud plugin is): hosts from its options, a group per
# tier with its variables, and a failure for a source that asks for one; an access token (vaulted, say) it checks, and
# compose and groups over every host of the inventory (the sources before it too), as constructed's.
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
      token:
        description: the CMDB's access token; its hosts are in group authenticated when it is the right one
        type: str
      note:
        description: a note for the tier, its group's variable cmdb_note
        type: str
    extends_documentation_fragment:
      - constructed
'''

from ansible.errors import AnsibleParserError
import hashlib

from ansible.plugins.inventory import BaseInventoryPlugin, Constructable

# the sha256 of the token the CMDB takes (the token itself is only in the vaulted option)
TOKEN_SHA256 = 'dec4f9d8015924fbf52963fccbae0243d6c9136b87ac76fcb745b6adb5d0f6a5'


class InventoryModule(BaseInventoryPlugin, Constructable):
    NAME = 'cmdb_hosts'

    def verify_file(self, path):
        return path.endswith(('cmdb.yml', 'cmdb_broken.yml', 'cmdb_vaulted.yml', 'cmdb_note.yml')) and super(InventoryModule, self).verify_file(path)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        self._read_config_data(path)
        if self.get_option('fail'):
            raise AnsibleParserError(self.get_option('fail'))
        tier = self.inventory.add_group(self.get_option('tier'))
        self.inventory.add_child('all', tier)
        self.inventory.set_variable(tier, 'tier_name', tier.upper())
        if self.get_option('note'):
            self.inventory.set_variable(tier, 'cmdb_note', self.get_option('note'))
        for name, port in sorted(self.get_option('hosts').items()):
            self.inventory.add_host(name, group=tier, port=port)
            self.inventory.set_variable(name, 'from_cmdb', True)
        if self.get_option('token'):
            if hashlib.sha256(self.get_option('token').encode('utf-8')).hexdigest() == TOKEN_SHA256:
                self.inventory.add_group('authenticated')
                self.inventory.add_child('authenticated', tier)
        for name, host in self.inventory.hosts.items():
            self._set_composite_vars(self.get_option('compose'), host.get_vars(), name, strict=True)
            self._add_host_to_composed_groups(self.get_option('groups'), host.get_vars(), name, strict=True)
