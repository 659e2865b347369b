namespace ClvML.Data.Sample;

/// <summary>The true, normally unobservable, description of one synthetic customer.</summary>
/// <param name="Index">0-based index; the id is <c>C</c> followed by <c>Index + 1</c>, zero-padded.</param>
/// <param name="Id">The <c>customer_id</c> written in the CSV.</param>
/// <param name="Channel">Name of the acquisition channel (<see cref="SampleChannel.Name"/>).</param>
/// <param name="Country">Country code (<see cref="SampleCountry.Code"/>).</param>
/// <param name="AcquisitionDate">Date of the first purchase.</param>
/// <param name="Lambda">BG/NBD purchase rate while alive, in purchases per week.</param>
/// <param name="DropoutProbability">BG/NBD p: probability of dropping out right after each repeat purchase (and the first one too with <see cref="SampleOptions.DropoutAfterFirstPurchase"/>).</param>
/// <param name="Nu">Gamma-Gamma nu: rate of the customer's spend distribution (mean spend is <c>P / Nu</c>).</param>
/// <param name="AliveAtEnd">Whether the customer had not dropped out by the end of <see cref="SampleOptions.End"/>.</param>
/// <param name="PurchaseCount">Purchases written (first purchase included), all dated up to <see cref="SampleOptions.End"/>.</param>
public readonly record struct SampleCustomer(
    int Index, string Id, string Channel, string Country, DateOnly AcquisitionDate,
    double Lambda, double DropoutProbability, double Nu, bool AliveAtEnd, int PurchaseCount);
