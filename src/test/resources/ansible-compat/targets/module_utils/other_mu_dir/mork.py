data = 'mork'
