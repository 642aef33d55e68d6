class FilterModule(object):
    def filters(self):
        return {'bye': lambda value: 'bye ' + str(value)}
