package io.dialgate.dispatch;

import java.util.List;

/**
 * One write of an apply with the fields it brought itself ({@code d:<col>}, {@code p:<col>}, {@code callable},
 * {@code mode}), in the flat form {@code [f1, v1, f2, v2, …]} its status record keeps them: what a refused merged
 * apply is split into.
 */
record OwnWrite(String writeId, List<String> fields) {

    OwnWrite {
        fields = List.copyOf(fields);
    }
}
