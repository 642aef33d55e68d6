data = 'bar1'
