package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsTest {

    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void roundTripsF64InOrderWithAnAlignedHeader() {
        Map<String, Safetensors.Entry> t = new LinkedHashMap<>();
        t.put("b", new Safetensors.Entry(new long[] {2}, new double[] {1.5, -2}));
        t.put("a", Safetensors.Entry.of(1, 3, new double[] {1, 2, 3}));
        byte[] bytes = Safetensors.write(t, Map.of("format", "pt"));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        Map<String, Safetensors.Entry> back = Safetensors.read(bytes, "t");
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(back.keySet()));
        assertArrayEquals(new double[] {1, 2, 3}, back.get("a").values(), 0.0);
        assertArrayEquals(new long[] {1, 3}, back.get("a").shape());
    }

    @Test
    void readsF32() {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3f);
        byte[] f = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data.array());
        assertArrayEquals(new double[] {0.5, -3}, Safetensors.read(f, "t").get("w").values(), 0.0);
    }

    @Test
    void refusesAHeaderLongerThanTheFile() {
        byte[] f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: header length 1099511627776 does not fit the file of 16 bytes.", e.getMessage());
    }

    @Test
    void refusesSizesThatDoNotMatchTheShapeBeforeAllocating() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[100000,100000],\"data_offsets\":[0,8]}}", new byte[8]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has shape [100000,100000], too large for nnj.", e.getMessage());
        byte[] g = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", new byte[16]);
        e = assertThrows(DataException.class, () -> Safetensors.read(g, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w': shape [3] of F64 needs 24 bytes, but data_offsets [0,16] give 16.",
                e.getMessage());
    }

    @Test
    void refusesAnUnknownDtype() {
        byte[] f = file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", new byte[2]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has dtype 'BF16'; nnj reads F64, F32 and I64.", e.getMessage());
    }

    @Test
    void refusesOffsetsOutsideTheData() {
        byte[] f = file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[8]);
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(f, "w.safetensors"));
        assertEquals("w.safetensors: tensor 'w' has data_offsets [8,16] outside the 8 bytes of data.", e.getMessage());
    }
}
