#!/usr/bin/env python

bam = "BAM FROM sub/bam/bam.py"
