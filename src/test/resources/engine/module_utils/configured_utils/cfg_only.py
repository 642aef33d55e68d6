data = 'configured'
