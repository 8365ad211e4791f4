package dev.omni.desktop.viewmodel;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code as dark and light modules (ZXing), for the view to paint; no image types, so it is testable anywhere. */
public record QrCode(String text, int size, boolean[] modules) {
    /** Encodes {@code text} with a quiet zone of {@code margin} modules. */
    public static QrCode of(String text, int margin) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, margin, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            int n = m.getWidth();
            boolean[] bits = new boolean[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    bits[y * n + x] = m.get(x, y);
                }
            }
            return new QrCode(text, n, bits);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    public boolean dark(int x, int y) {
        return modules[y * size + x];
    }
}
