package org.cnlp.terminology.knn;

import java.nio.charset.StandardCharsets;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Finds out, without ever throwing, whether CUDA search can run: JCuda's native library loads, the
 * CUDA driver ({@code libcuda.so.1}) is present and new enough, and the requested device exists and can
 * run the shipped PTX. Uses only the CUDA driver API and leaves JCuda's exception setting alone.
 */
public final class CudaProbe {

    /**
     * Lowest CUDA driver version (as {@code cuDriverGetVersion} reports it) that loads the shipped PTX:
     * nvcc 13.0 writes PTX ISA 9.0.
     */
    static final int MIN_DRIVER_VERSION = 13000;
    /** The shipped PTX targets {@code compute_75}. */
    static final int MIN_COMPUTE_CAPABILITY = 75;

    private static final String NO_DRIVER = "no CUDA driver (libcuda.so.1 not found)";

    private static volatile String loadFailure;

    private CudaProbe() {
    }

    /**
     * Whether a CUDA device can be used.
     *
     * @param available  true when CUDA search can run on the device
     * @param reason     why not, or a short description of the device and driver when it can
     * @param deviceName the device's name, empty when unknown
     */
    public record Availability(boolean available, String reason, String deviceName) {
    }

    /**
     * Probes device {@code deviceIndex} (0 = first GPU). Never throws: every failure, including a missing
     * JCuda jar or CUDA driver, becomes an unavailable result with the reason.
     */
    public static Availability probe(int deviceIndex) {
        try {
            return probeDevice(deviceIndex);
        } catch (UnsatisfiedLinkError e) {
            String reason = mentionsLibcuda(e) ? NO_DRIVER : "JCuda native library could not be loaded: " + e.getMessage();
            loadFailure = reason;
            return unavailable(reason);
        } catch (NoClassDefFoundError e) {
            String earlier = loadFailure;
            if (earlier != null) {
                return unavailable(earlier);
            }
            if (mentionsLibcuda(e)) {
                return unavailable(NO_DRIVER);
            }
            String message = String.valueOf(e.getMessage());
            return unavailable(message.startsWith("jcuda/") ? "JCuda is not on the classpath (" + message + ")"
                    : "JCuda could not be initialised: " + message);
        } catch (Throwable e) {
            return unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Availability probeDevice(int deviceIndex) {
        if (deviceIndex < 0) {
            return unavailable("invalid CUDA device index " + deviceIndex);
        }
        int result = JCudaDriver.cuInit(0);
        if (result != CUresult.CUDA_SUCCESS) {
            return unavailable("cuInit failed: " + CUresult.stringFor(result));
        }
        int[] value = new int[1];
        result = JCudaDriver.cuDriverGetVersion(value);
        if (result != CUresult.CUDA_SUCCESS) {
            return unavailable("cuDriverGetVersion failed: " + CUresult.stringFor(result));
        }
        int driver = value[0];
        if (driver < MIN_DRIVER_VERSION) {
            return unavailable("CUDA driver " + version(driver) + " is too old for the shipped PTX (needs "
                    + version(MIN_DRIVER_VERSION) + " or newer)");
        }
        result = JCudaDriver.cuDeviceGetCount(value);
        if (result != CUresult.CUDA_SUCCESS) {
            return unavailable("cuDeviceGetCount failed: " + CUresult.stringFor(result));
        }
        int count = value[0];
        if (count == 0) {
            return unavailable("no CUDA device");
        }
        if (deviceIndex >= count) {
            return unavailable("cuda:" + deviceIndex + " requested but " + count + " device(s)");
        }
        CUdevice device = new CUdevice();
        result = JCudaDriver.cuDeviceGet(device, deviceIndex);
        if (result != CUresult.CUDA_SUCCESS) {
            return unavailable("cuDeviceGet(" + deviceIndex + ") failed: " + CUresult.stringFor(result));
        }
        String name = deviceName(device);
        int[] minor = new int[1];
        result = JCudaDriver.cuDeviceGetAttribute(value, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                device);
        if (result == CUresult.CUDA_SUCCESS) {
            result = JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                    device);
        }
        if (result != CUresult.CUDA_SUCCESS) {
            return new Availability(false, "cuDeviceGetAttribute failed: " + CUresult.stringFor(result), name);
        }
        int capability = value[0] * 10 + minor[0];
        if (capability < MIN_COMPUTE_CAPABILITY) {
            return new Availability(false, "cuda:" + deviceIndex + " " + name + " has compute capability " + value[0] + "."
                    + minor[0] + ", the shipped PTX needs 7.5 or newer", name);
        }
        return new Availability(true, "cuda:" + deviceIndex + " " + name + ", compute capability " + value[0] + "."
                + minor[0] + ", CUDA driver " + version(driver), name);
    }

    /** The name of {@code device}, or "" when the driver does not say. */
    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        if (JCudaDriver.cuDeviceGetName(name, name.length, device) != CUresult.CUDA_SUCCESS) {
            return "";
        }
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        return new String(name, 0, length, StandardCharsets.UTF_8).trim();
    }

    private static boolean mentionsLibcuda(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("libcuda")) {
                return true;
            }
        }
        return false;
    }

    private static String version(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    private static Availability unavailable(String reason) {
        return new Availability(false, reason, "");
    }
}
