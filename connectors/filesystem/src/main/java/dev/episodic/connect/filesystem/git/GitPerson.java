package dev.episodic.connect.filesystem.git;

import java.time.Instant;
import java.util.Objects;

/**
 * Author or committer of a commit.
 *
 * @param name             name as recorded
 * @param email            email as recorded (without angle brackets)
 * @param time             instant of the signature (git stores whole seconds)
 * @param tzOffsetMinutes  the signer's offset from UTC, e.g. 120 for +0200
 */
public record GitPerson(String name, String email, Instant time, int tzOffsetMinutes) {

    public GitPerson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(time, "time");
    }
}
