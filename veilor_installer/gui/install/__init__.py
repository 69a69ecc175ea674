"""The install wizard: its pages, its state and its run of Anaconda."""
