package dev.omni.desktop.viewmodel;

import java.util.ArrayList;
import java.util.List;

/** Tells the screens that the store changed (a snapshot, restore, merge, fork), so that they reload. */
public final class StoreEvents {
    private final List<Runnable> listeners = new ArrayList<>();

    public void listen(Runnable r) {
        listeners.add(r);
    }

    public void changed() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
