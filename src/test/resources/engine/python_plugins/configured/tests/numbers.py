# A test of a configured folder (ANSIBLE_TEST_PLUGINS).
class TestModule(object):
    def tests(self):
        return {'small': lambda value, limit=10: value < limit}
