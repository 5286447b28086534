package io.custodia.gateway.access;

import java.util.List;

/** One released subject in an access response: its pseudonym and its item pointers. */
public record ReleasedSubject(String subjectRef, List<String> pointers) {
    public ReleasedSubject {
        pointers = List.copyOf(pointers);
    }

    @Override
    public String toString() {
        // Pointers are personal data and never reach a log line.
        return "ReleasedSubject[" + subjectRef + ", " + pointers.size() + " pointers]";
    }
}
