package dev.omni.desktop.viewmodel;

/** Light or dark; {@code SYSTEM} follows the desktop's preference where it can be read. */
public enum Theme {
    SYSTEM("Follow the system"), LIGHT("Light"), DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
