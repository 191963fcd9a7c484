package dev.episodic.connect.common.testkit;

import java.util.Map;

/** A source a connector contract test can drive: its connector config, and a way to make more activity. */
public interface ContractSource {
    /** Connector config (without name and connector.class) that reads this source. */
    Map<String, String> config();

    /** Events the source holds before any {@link #addActivity}. */
    int initialEvents();

    /** Makes new activity at the source; returns how many events it must produce. */
    int addActivity(int amount) throws Exception;
}
