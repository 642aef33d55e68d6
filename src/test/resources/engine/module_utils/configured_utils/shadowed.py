data = 'configured loses'
