data = 'bar0'
