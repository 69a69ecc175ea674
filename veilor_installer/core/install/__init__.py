"""Install mode's core: the machine and its disks, the answers and their checks, the plan,
the kickstart, the pre-flight checks and Anaconda's run. Never imports first boot.
"""
