# A role's own filter: known to the role's tasks and, once the role is read, to the playbook's.
class FilterModule(object):
    def filters(self):
        return {'host_of': self.host_of, 'ports_of': self.ports_of}

    def host_of(self, address):
        return address.split(':')[0]

    def ports_of(self, services, offset=0):
        return sorted(s['port'] + offset for s in services)
