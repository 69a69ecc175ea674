"""One wizard page a module; its layout is the .ui form of the same name in ui/."""
