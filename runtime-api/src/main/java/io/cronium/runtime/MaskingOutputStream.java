package io.cronium.runtime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Masks each write as a whole ({@link SecretMask}); writers hand it complete lines. */
final class MaskingOutputStream extends FilterOutputStream {

    private final SecretMask mask;

    MaskingOutputStream(OutputStream target, SecretMask mask) {
        super(target);
        this.mask = mask;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(mask.mask(bytes, offset, length));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
