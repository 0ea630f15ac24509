/*
 * A stand-in for Windows' bcryptprimitives.dll, for CI's Wine only (never
 * shipped). Go 1.22 and later take their random numbers from ProcessPrng
 * in that DLL, which Windows 10 and later have; Wine 8, Debian bookworm's,
 * has no such DLL, and without it no Go program starts under Wine. This
 * one gives ProcessPrng from RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has and which draws on the host's random source too.
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		/* RtlGenRandom takes a ULONG length: give it pieces */
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
