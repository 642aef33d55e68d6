# A role's own tests, with an argument.
class TestModule(object):
    def tests(self):
        return {'privileged_port': lambda port: port < 1024, 'in_range': self.in_range}

    def in_range(self, value, low, high=65535):
        return low <= value <= high
