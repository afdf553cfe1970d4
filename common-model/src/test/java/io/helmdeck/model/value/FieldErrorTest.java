package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void holdsFieldAndMessage() {
        FieldError e = new FieldError("ref.tag", "must be an OCI tag");
        assertThat(e.field()).isEqualTo("ref.tag");
        assertThat(e.message()).isEqualTo("must be an OCI tag");
        assertThat(e).isEqualTo(new FieldError("ref.tag", "must be an OCI tag"));
    }

    @Test
    void requiresBoth() {
        assertThatThrownBy(() -> new FieldError(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FieldError("f", null)).isInstanceOf(NullPointerException.class);
    }
}
