# An inventory plugin of the playbook's own that takes a file Ansible's ini plugin reads too (one host name a line,
# named *.hosts): which of the two reads it is enable_plugins' order.
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = '''
    name: host_lines
    short_description: one host a line
    description: Adds the hosts of a *.hosts file, one a line (what follows the name is a comment), to the group listed.
'''

from ansible.plugins.inventory import BaseFileInventoryPlugin


class InventoryModule(BaseFileInventoryPlugin):
    NAME = 'host_lines'

    def verify_file(self, path):
        return path.endswith('.hosts') and super(InventoryModule, self).verify_file(path)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        self.inventory.add_group('listed')
        with open(path) as f:
            for line in f:
                if line.strip():
                    name = line.split()[0]
                    self.inventory.add_host(name, group='listed')
                    self.inventory.set_variable(name, 'listed_by', self.NAME)
